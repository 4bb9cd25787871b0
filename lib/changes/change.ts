// What one change is: when it landed, on which object, what it changed, and the way back.
import { z } from 'zod';
import { render, Text } from '../i18n/index.ts';
import { ObjectRef } from '../report/index.ts';

/** One list of change sources; the evidence readers and the wording derive from it. */
export const changeSources = ['rollout', 'config', 'argocd', 'helm'] as const;
export const ChangeSource = z.enum(changeSources);

export const Change = z.object({
  source: ChangeSource,
  /** When it landed (RFC 3339). */
  at: z.string(),
  /** The object that changed (the Deployment, the ConfigMap, the Application, the Helm release Secret). */
  object: ObjectRef,
  /** "Deployment shop/payment rolled out revision 14: image payment:2.3.0 → 2.3.1, env DB_HOST changed" */
  text: z.string(),
  /** Pod-template revision, when the change is one (the rollout revision; the Argo CD history id). */
  revision: z.number().int().optional(),
  previousRevision: z.number().int().optional(),
  /** Names of the pods the change reached (its revision's pods, the pods that use the edited ConfigMap). */
  pods: z.array(z.string()),
  /** How to undo it: exact commands for a person to run, and earlier values the cluster still holds. */
  wayBack: z.array(z.string()),
  /** `text` kept language-neutral. */
  textText: Text.optional(),
  /** `wayBack` kept language-neutral, one for one. */
  wayBackTexts: z.array(Text).optional(),
});
export type Change = z.infer<typeof Change>;

/** A change's words in both forms: the English `text` and `wayBack`, and their Texts. */
export const changeWords = (text: Text, wayBack: Text[]) => ({
  text: render(text, 'en'),
  textText: text,
  wayBack: wayBack.map((line) => render(line, 'en')),
  wayBackTexts: wayBack,
});
