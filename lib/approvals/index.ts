// Approvals: who may approve (APPROVERS), asking for one (a pending approval and its card), and the single-use
// decision an approver's press makes. Executing it is the execute-action job's.
export * from './approvers.ts';
export * from './card.ts';
export * from './decide.ts';
export * from './id.ts';
export * from './request.ts';
