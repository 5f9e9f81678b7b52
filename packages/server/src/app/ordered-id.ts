// Ids are a storage concern (index locality); kept here so the server's imports stay as they were.
export { orderedId } from '@parley/storage';
