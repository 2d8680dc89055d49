export { emailDomain, isValidEmail, normalizeEmail } from './email.js';
export { displayName } from './names.js';
