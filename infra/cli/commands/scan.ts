// `kube-responder scan`: a whole-cluster diagnosis (fixture or real cluster).
import { aiHooks, runDiagnosis } from './diagnose.ts';

export const usage = `Usage: kube-responder scan (--fixture FILE | --kubeconfig FILE [--context C]) [--no-ai] [--output json|text]

Diagnoses every namespace and node and prints the Report (text by default, JSON with --output json).
Exit code 0 when the scan ran, whatever it found.`;

export async function run(argv: string[]): Promise<number> {
  return runDiagnosis(argv, 'scan', aiHooks());
}
