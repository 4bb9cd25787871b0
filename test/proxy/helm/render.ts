// Renders the proxy's Helm chart with the Go-template subset in gotemplate.ts (helm itself is not installable
// here): values.yaml deep-merged with overrides, like `helm template --set`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { TemplateEngine } from './gotemplate.ts';

export const CHART_DIR = join(import.meta.dirname, '../../../infra/helm/kube-responder-proxy');

export interface Rendered {
  /** Every manifest, parsed, in file order. */
  manifests: Record<string, unknown>[];
  /** Each file's rendered text, by template file name. */
  files: Record<string, string>;
  notes: string;
}

type Values = Record<string, unknown>;

function merge(base: Values, override: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] =
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current &&
      typeof current === 'object' &&
      !Array.isArray(current)
        ? merge(current as Values, value as Values)
        : value;
  }
  return out;
}

export function renderChart(
  overrides: Values = {},
  release = { Name: 'krp', Namespace: 'kube-responder' },
): Rendered {
  const chart = parseYaml(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8')) as {
    name: string;
    version: string;
    appVersion: string;
  };
  const values = merge(parseYaml(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8')) as Values, overrides);
  const engine = new TemplateEngine();
  const dir = join(CHART_DIR, 'templates');
  const names = readdirSync(dir).sort();
  // Helpers first, so every file can include them (as helm loads all templates before rendering).
  const parsed = new Map<string, ReturnType<TemplateEngine['parse']>>();
  for (const name of names) parsed.set(name, engine.parse(readFileSync(join(dir, name), 'utf8')));
  const data = {
    Values: values,
    Release: { ...release, Service: 'Helm', IsInstall: true },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
    Template: { BasePath: 'kube-responder-proxy/templates' },
  };
  const files: Record<string, string> = {};
  const manifests: Record<string, unknown>[] = [];
  let notes = '';
  for (const name of names) {
    if (name.startsWith('_')) continue;
    const text = engine.render(parsed.get(name) ?? [], data);
    if (name === 'NOTES.txt') {
      notes = text;
      continue;
    }
    files[name] = text;
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0)
        throw new Error(`${name} renders invalid YAML: ${document.errors[0]?.message}\n${text}`);
      const object = document.toJS() as Record<string, unknown> | null;
      if (object) manifests.push(object);
    }
  }
  return { manifests, files, notes };
}
