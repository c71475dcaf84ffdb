// The npm library this exercise is compatible with: async-mutex 0.5, used as it is.
export { Mutex } from 'async-mutex';
