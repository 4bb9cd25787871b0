// LINE: the Flex serializer, the push retry key and the Channel adapter (reply token when fresh, else push).
export * from './channel.ts';
export * from './flex.ts';
export * from './retry-key.ts';
