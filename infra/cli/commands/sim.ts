// `kube-responder sim` (being built).
export const usage = 'kube-responder sim: not built yet';

export async function run(_argv: string[]): Promise<number> {
  console.error('kube-responder sim: not built yet');
  return 1;
}
