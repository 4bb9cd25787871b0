// An area's translations must have exactly the English area's keys.
export type AreaCatalog<E> = Record<keyof E, string>;
