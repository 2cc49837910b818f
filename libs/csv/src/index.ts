export { csvCell, neutraliseFormula, toCsv, type CsvValue } from './write';
