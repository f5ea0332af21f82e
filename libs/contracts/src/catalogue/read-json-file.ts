import { readFileSync } from 'node:fs';
import { ContractError } from './contract.error';

/** Parses contract JSON text, naming the file when it is not JSON. */
export function parseContractJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ContractError(file, [`not valid JSON: ${reason}`], { cause: err });
  }
}

/** Reads and parses a contract JSON file; `file` is the name errors show. */
export function readJsonFile(path: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ContractError(file, [`cannot be read: ${reason}`], { cause: err });
  }
  return parseContractJson(text, file);
}
