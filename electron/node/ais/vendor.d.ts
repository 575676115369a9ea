// Types of the two AIS libraries we use (neither ships any): only what electron/node/ais reads.
declare module 'ggencoder' {
  /** Decodes one whole NMEA sentence (checksum included); fields are set when `valid`. */
  export class AisDecode {
    constructor(sentence: string, session?: Record<string, unknown>);
    /** Called by the constructor on the whole sentence. */
    validateChecksum(input: string): boolean;
    /** The payload's characters as 6-bit values (in their low six bits), set by the constructor. */
    bitarray: number[];
    /** Bits start..start+len of the payload as an integer (signed: the first bit is the sign). */
    GetInt(start: number, len: number, signed?: boolean): number;
    valid: boolean;
    aistype: number;
    mmsi: string;
    lon?: number;
    lat?: number;
    sog?: number;
    cog?: number;
    hdg?: number;
    navstatus?: number;
  }
  /** Encodes an AIS message (types 1-3, 5, 18, 21, 24) as NMEA sentences in `nmea` (one string, or parts). */
  export class AisEncode {
    constructor(msg: Record<string, unknown>);
    valid: boolean;
    nmea: string;
  }
  /** The package is CommonJS: Node's ES module loader gives only its default export. */
  const ggencoder: { AisDecode: typeof AisDecode; AisEncode: typeof AisEncode };
  export default ggencoder;
}

declare module 'aisparser' {
  interface AisMessage {
    valid: 'VALID' | 'INVALID' | 'UNSUPPORTED' | 'INCOMPLETE';
    errMsg: string;
    aisType: number;
    mmsi: number;
    [field: string]: unknown;
  }
  export default class AisParser {
    constructor(options?: { checksum?: boolean });
    parse(sentence: string): AisMessage;
    /** A sentence already split at its commas; no checksum is computed. */
    parseArray(parts: string[]): AisMessage;
  }
}
