// The npm library this exercise is compatible with: p-limit 7, used as it is.
export { default as pLimit } from 'p-limit';
