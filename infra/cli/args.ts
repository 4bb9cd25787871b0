// Argument parsing for the CLI: node:util parseArgs with errors that name the flag.
import { existsSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';

export class CliError extends Error {}

export function parseFlags<const T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

export function parsePort(value: string | undefined, fallback = 0): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be 0-65535, got '${value}'`);
  return port;
}

/** A file a flag names, checked up front so a typo names the flag and shows usage rather than an ENOENT. */
export function inputFile(flag: string, path: string): string {
  if (!existsSync(path)) throw new CliError(`--${flag} ${path}: no such file`);
  return path;
}
