import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';

const VECTOR_TILE = /^\s*application\/vnd\.mapbox-vector-tile(?:[;\s]|$)/i;

/**
 * What is worth compressing: Hono's text and JSON types, and vector tiles (protobuf, which gzip
 * halves; MapLibre, like every browser fetch, decompresses them).
 */
export const compressible = (type: string) => COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) || VECTOR_TILE.test(type);
