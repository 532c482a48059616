// oidc-provider ships no types and @types/oidc-provider lags its major versions; the tests use
// a handful of its options, checked by running them against it.
declare module 'oidc-provider';
