// Reading a cluster: resource types, object shapes and the REST ClusterReader.
export * from './reader.ts';
export * from './resources.ts';
export type * from './types.ts';
