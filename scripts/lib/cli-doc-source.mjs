export { COMMANDS as COMMANDS_DOC } from '../../packages/cli/dist/options-table.js';
