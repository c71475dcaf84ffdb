// The npm library this exercise is compatible with: p-map-series 3, used as it is.
export { default as pMapSeries } from 'p-map-series';
