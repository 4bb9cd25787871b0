// `kube-responder proxy` (being built).
export const usage = 'kube-responder proxy: not built yet';

export async function run(_argv: string[]): Promise<number> {
  console.error('kube-responder proxy: not built yet');
  return 1;
}
