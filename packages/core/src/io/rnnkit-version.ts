// The version written into model files (`generatedBy`, `userDefinedMetadata.rnnkit.version`).
// A test keeps it equal to package.json's version.

/** Version of @rnnkit/core. */
export const rnnkitVersion = '0.1.0';
