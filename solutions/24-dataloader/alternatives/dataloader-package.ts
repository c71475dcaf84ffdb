// The npm library this exercise is compatible with: dataloader 2, used as it is.
import DataLoader from 'dataloader';

export { DataLoader };
