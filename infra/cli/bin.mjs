#!/usr/bin/env node
// The `kube-responder` command: loads the TypeScript CLI through tsx, so it runs on any supported Node.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
