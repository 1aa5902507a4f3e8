/** The program's version, printed by `--version`. A test keeps it equal to package.json's. */
export const VERSION = '1.0.0';
