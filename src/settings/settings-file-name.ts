/** The repository's settings file, in a leaf module so a caller can name it without loading its YAML reader. */
export const SETTINGS_FILE = '.lintel.yml';
