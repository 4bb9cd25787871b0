// `kube-responder scan` (being built).
export const usage = 'kube-responder scan: not built yet';

export async function run(_argv: string[]): Promise<number> {
  console.error('kube-responder scan: not built yet');
  return 1;
}
