// Reading and writing a cluster: resource types, object shapes, the REST ClusterReader and ClusterWriter.

export * from './clusters.ts';
export * from './columns.ts';
export * from './names.ts';
export * from './reader.ts';
export * from './resources.ts';
export * from './snapshot.ts';
export type * from './types.ts';
export * from './writer.ts';
