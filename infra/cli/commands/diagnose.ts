// `kube-responder diagnose` (being built).
export const usage = 'kube-responder diagnose: not built yet';

export async function run(_argv: string[]): Promise<number> {
  console.error('kube-responder diagnose: not built yet');
  return 1;
}
