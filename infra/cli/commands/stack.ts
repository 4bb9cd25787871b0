// `kube-responder stack` (being built).
export const usage = 'kube-responder stack: not built yet';

export async function run(_argv: string[]): Promise<number> {
  console.error('kube-responder stack: not built yet');
  return 1;
}
