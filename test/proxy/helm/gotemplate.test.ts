// The Go-template subset used to render the chart follows text/template + Sprig as documented, on the constructs
// the chart uses (expected outputs written from those docs; not checked against a helm binary, none is installable).
import { describe, expect, it } from 'vitest';
import { TemplateEngine } from './gotemplate.ts';

function render(source: string, data: unknown): string {
  const engine = new TemplateEngine();
  return engine.render(engine.parse(source), data);
}

describe('Go template subset', () => {
  it('trims whitespace around {{- and -}}', () => {
    expect(render('a  \n  {{- "b" -}}  \n  c', {})).toBe('abc');
    expect(render('a {{/* comment */}} b', {})).toBe('a  b');
  });

  it('evaluates if / else if / else with Go truthiness', () => {
    const t = '{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}';
    expect([render(t, { a: [1] }), render(t, { a: [], b: 'x' }), render(t, { a: 0, b: '' })]).toEqual([
      'A',
      'B',
      'C',
    ]);
  });

  it('ranges over lists and maps (keys sorted), with $ still the root', () => {
    expect(render('{{ range .xs }}{{ . }}{{ $.sep }}{{ end }}', { xs: ['a', 'b'], sep: ';' })).toBe('a;b;');
    expect(render('{{ range $k, $v := .m }}{{ $k }}={{ $v }} {{ end }}', { m: { b: 2, a: 1 } })).toBe(
      'a=1 b=2 ',
    );
  });

  it('assigns to an outer variable from inside a range (Go 1.11 semantics)', () => {
    const t =
      '{{ $all := list }}{{ range .xs }}{{ if ne . "skip" }}{{ $all = append $all . }}{{ end }}{{ end }}{{ toJson $all }}';
    expect(render(t, { xs: ['a', 'skip', 'b'] })).toBe('["a","b"]');
  });

  it('pipes into the last argument, with parentheses and Sprig functions', () => {
    expect(render('{{ .n | default (printf "%s-%s" "x" "y") | quote }}', {})).toBe('"x-y"');
    expect(render('{{ "kube-responder-proxy-" | trimSuffix "-" | trunc 5 }}', {})).toBe('kube-');
    expect(render('x:{{ toYaml .v | nindent 2 }}', { v: { b: 1, a: [true] } })).toBe(
      'x:\n  a:\n    - true\n  b: 1',
    );
  });

  it('includes defined templates with their own dot', () => {
    expect(render('{{- define "t" -}}[{{ .x }}]{{- end -}}{{ include "t" (dict "x" 1) }}', {})).toBe('[1]');
  });

  it('fails like helm on a required value and on a field of nil', () => {
    expect(() => render('{{ required "need it" .missing }}', {})).toThrow('need it');
    expect(() => render('{{ .a.b.c }}', {})).toThrow('nil pointer');
    expect(() => render('{{ lookup "v1" "Secret" "" "" }}', {})).toThrow('function "lookup" not defined');
  });
});
