// IngressBackendMissing: an Ingress routes to a Service or port that does not exist, or to one with no endpoints.
import { describeRef, explainNoEndpoints, refOf } from '../evidence/index.ts';
import { verbatim } from '../i18n/index.ts';
import type { Finding, RootCause } from '../report/index.ts';
import { kept, said, sentences } from './texts.ts';
import type { Analyzer } from './types.ts';

interface Backend {
  service: string;
  port?: number | string;
  host?: string;
  path?: string;
}

export const ingressBackendMissing: Analyzer = {
  name: 'ingress',
  reads: { Ingress: ['ingresses', 'services', 'endpoints', 'pods'] },
  analyze(context) {
    const findings: Finding[] = [];
    for (const ingress of context.list('ingresses')) {
      const ns = ingress.metadata.namespace;
      const backends: Backend[] = [];
      const push = (
        b: { service?: { name: string; port?: { number?: number; name?: string } } },
        host?: string,
        path?: string,
      ) => {
        if (b?.service?.name)
          backends.push({
            service: b.service.name,
            ...(b.service.port ? { port: b.service.port.number ?? b.service.port.name } : {}),
            ...(host ? { host } : {}),
            ...(path ? { path } : {}),
          });
      };
      if (ingress.spec?.defaultBackend) push(ingress.spec.defaultBackend);
      for (const rule of ingress.spec?.rules ?? [])
        for (const path of rule.http?.paths ?? []) push(path.backend, rule.host, path.path);
      for (const backend of backends) {
        const service = context.find('Service', ns, backend.service);
        const route = `${backend.host ?? '*'}${backend.path ?? ''}`;
        let rootCause: RootCause | undefined;
        if (!service) {
          rootCause = {
            code: 'IngressBackendMissing',
            ...said({ key: 'cluster.serviceMissing', params: { service: backend.service } }),
          };
        } else if (
          backend.port !== undefined &&
          !(service.spec?.ports ?? []).some(
            (p: { port: number; name?: string }) => p.port === backend.port || p.name === backend.port,
          )
        ) {
          const ports = (service.spec?.ports ?? []).map((p: { port: number }) => p.port).join(', ');
          rootCause = {
            code: 'IngressBackendMissing',
            object: refOf(service),
            ...said({
              key: 'cluster.serviceNoPort',
              params: { service: backend.service, port: String(backend.port), ports: ports || 'none' },
            }),
          };
        } else {
          const why = explainNoEndpoints(context, service);
          if (why)
            rootCause = {
              code: 'ServiceNoEndpoints',
              object: refOf(service),
              ...said({
                key: 'cluster.backendNoEndpoints',
                params: {
                  service: backend.service,
                  cause: kept(why.rootCause.detailText, String(why.rootCause.detail)),
                },
              }),
            };
        }
        if (!rootCause) continue;
        const ref = refOf(ingress);
        findings.push({
          code: 'IngressBackendMissing',
          severity: 'critical',
          object: ref,
          ...(rootCause.code === 'IngressBackendMissing'
            ? { rootCause: { ...rootCause, code: 'MissingConfig' } }
            : { rootCause }),
          ...sentences(
            {
              key: 'cluster.ingress503',
              params: {
                ingress: describeRef(ref),
                route,
                cause: rootCause.detailText ?? String(rootCause.detail),
              },
            },
            [
              {
                key: 'cluster.ingressRule',
                params: { route, service: backend.service, port: String(backend.port ?? '?') },
              },
            ],
            [
              verbatim(`kubectl -n ${ns} get service ${backend.service}`),
              verbatim(`kubectl -n ${ns} get endpoints ${backend.service}`),
            ],
          ),
        });
        break; // one finding per Ingress: the first broken route
      }
    }
    return findings;
  },
};
