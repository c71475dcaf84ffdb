// The npm library this exercise is compatible with: p-retry 7, used as it is.
export { default as pRetry, AbortError } from 'p-retry';
