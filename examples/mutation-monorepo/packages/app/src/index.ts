export { DuplicateUserError, UserDirectory, type User } from './directory.js';
