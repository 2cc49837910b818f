// A Jest transformer for the ES-module-only packages listed in jest.config.js (`jose` 6): it
// rewrites `import`/`export` to CommonJS and changes nothing else (ES2022 output, native class
// fields — jose's errors assign fields in the same expression as `super()`, which TypeScript's
// field lowering would break).
const crypto = require('node:crypto');
const ts = require('typescript');

const compilerOptions = {
  allowJs: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  useDefineForClassFields: true,
  esModuleInterop: true,
  sourceMap: false,
  inlineSourceMap: true,
};

module.exports = {
  process(sourceText, sourcePath) {
    const { outputText } = ts.transpileModule(sourceText, { compilerOptions, fileName: sourcePath });
    return { code: outputText };
  },
  getCacheKey(sourceText, sourcePath) {
    return crypto.createHash('sha256').update(`${ts.version}\0${sourcePath}\0${sourceText}`).digest('hex');
  },
};
