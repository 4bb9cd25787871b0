// Talking to the proxy from Node with @kubernetes/client-node's generated API clients (CoreV1Api, AppsV1Api…):
// a configuration whose middleware signs every request as the proxy protocol requires.
import {
  type Configuration,
  createConfiguration,
  type Middleware,
  type RequestContext,
  ServerConfiguration,
} from '@kubernetes/client-node';
import { ACTOR_HEADER, SIGNATURE_HEADER, signRequest, TIMESTAMP_HEADER } from '../../lib/security/index.ts';

export interface ProxySigner {
  /** The first key of the proxy's secret file. */
  secret: string;
  /** Who asks (`cli:alice`, `alert:…`). */
  actor: string;
}

/** A middleware that adds X-KR-Timestamp, X-KR-Actor and X-KR-Signature to each request, body included. */
export function signingMiddleware(signer: ProxySigner): Middleware {
  return {
    async pre(context: RequestContext): Promise<RequestContext> {
      const url = new URL(context.getUrl());
      const body = context.getBody();
      if (body !== undefined && typeof body !== 'string')
        throw new Error(
          'the proxy signs string bodies only (JSON); this request has a form or multipart body',
        );
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = await signRequest(signer.secret, {
        method: context.getHttpMethod(),
        pathAndQuery: `${url.pathname}${url.search}`,
        timestamp,
        actor: signer.actor,
        body: body ?? '',
      });
      context.setHeaderParam(TIMESTAMP_HEADER, timestamp);
      context.setHeaderParam(ACTOR_HEADER, signer.actor);
      context.setHeaderParam(SIGNATURE_HEADER, signature);
      return context;
    },
    async post(context) {
      return context;
    },
  };
}

/** Configuration for `new CoreV1Api(config)` and friends, aimed at a proxy. */
export function proxyApiConfiguration(proxyUrl: string, signer: ProxySigner): Configuration {
  return createConfiguration({
    baseServer: new ServerConfiguration(proxyUrl.replace(/\/+$/, ''), {}),
    promiseMiddleware: [signingMiddleware(signer)],
  });
}
