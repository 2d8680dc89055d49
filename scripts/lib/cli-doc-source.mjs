export { VERIFY_OPTIONS as VERIFY_OPTIONS_DOC } from '../../packages/cli/dist/options-table.js';
