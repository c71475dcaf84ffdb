// The npm library this exercise is compatible with: p-throttle 8, used as it is.
export { default as pThrottle } from 'p-throttle';
