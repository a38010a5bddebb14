import { RegistrySchemaSetting } from './schemaVersion';

/** The settings that change what the language service reports for a document. */
export interface DocumentSettings {
  registrySchema: RegistrySchemaSetting;
}

export const DEFAULT_SETTINGS: DocumentSettings = { registrySchema: 'auto' };
