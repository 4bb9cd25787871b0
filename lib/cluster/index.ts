// Reading a cluster: resource types, object shapes and the REST ClusterReader.

export * from './clusters.ts';
export * from './columns.ts';
export * from './reader.ts';
export * from './resources.ts';
export * from './snapshot.ts';
export type * from './types.ts';
