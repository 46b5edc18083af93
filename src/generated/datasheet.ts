// Generated from schemas/datasheet.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`.

/**
 * What an XPO module vendor declares about a module, in YAML or JSON. This schema fixes the shape, types and units; the MSA limits live in schemas/xpo/<profile>/. Units are part of each field name and stated in x-unit. Fields marked optional make their limits not-applicable (with the reason) when absent.
 */
export interface Datasheet {
  /**
   * Optional pointer for editors (yaml-language-server).
   */
  $schema?: string;
  /**
   * Version of this datasheet format.
   */
  datasheetFormat: 1;
  identity: {
    vendor: string;
    partNumber: string;
    hardwareRevision: string;
    firmwareRevision: string;
    /**
     * Optional. The serial number the module's CMIS memory states (00h:166-181).
     */
    serialNumber?: string;
    /**
     * Optional. The vendor's IEEE OUI as the module states it (00h:145-147), e.g. 00-A0-C9.
     */
    vendorOui?: string;
    /**
     * Optional. The date code the module states (00h:182-189): YYMMDD and an optional lot code.
     */
    dateCode?: string;
    /**
     * The limit profile the vendor claims compliance with (a folder name under schemas/xpo/).
     */
    profile: string;
    /**
     * Optics variant of the module.
     */
    opticsVariant: "DR8-LPO" | "DR8-LRO" | "DR8-FRO" | "FR4" | "coherent-lite" | "ZR" | "VCSEL" | "copper" | "other";
    description?: string;
  };
  mechanical: {
    /**
     * Module body width.
     */
    widthMm: number;
    /**
     * Module body length.
     */
    lengthMm: number;
    /**
     * Module body height.
     */
    heightMm: number;
    /**
     * Rows of modules that fit in one rack unit.
     */
    rowsPer1RU: number;
    /**
     * Optional. Rated mating cycles of the liquid quick disconnects.
     */
    quickDisconnectMatingCycles?: number;
    /**
     * Optional. Module mass.
     */
    massG?: number;
  };
  electrical: {
    /**
     * Electrical host lanes.
     */
    laneCount: number;
    /**
     * Nominal rate per lane (200 for 200G, 400 for 400G).
     */
    laneRateGbps: number;
    modulation: "PAM4" | "PAM6" | "NRZ";
    /**
     * Optional. Host electrical interface, e.g. 8x 1.6TAUI-8.
     */
    hostInterface?: string;
    /**
     * Whether the module can be inserted and removed with the host powered.
     */
    hotPluggable: boolean;
  };
  power: {
    inputVoltage: {
      /**
       * Lowest input voltage at which the module meets its specification.
       */
      minV: number;
      nominalV: number;
      /**
       * Highest input voltage at which the module meets its specification.
       */
      maxV: number;
    };
    /**
     * Maximum module power over all conditions.
     */
    maxPowerW: number;
    /**
     * Optional. Power per operating mode.
     */
    modes?: {
      mode: string;
      powerW: number;
    }[];
  };
  cooling: {
    /**
     * Coolant the module is rated for (PG25, DI-water).
     */
    coolant: string;
    inletTemperatureC: {
      min: number;
      max: number;
    };
    flowLpm: {
      /**
       * Lowest coolant flow at which the module meets its specification at maximum power.
       */
      min: number;
      max: number;
    };
    /**
     * Optional. Coolant pressure drop across the module at a stated flow.
     */
    pressureDrop?: {
      kPa: number;
      atFlowLpm: number;
    };
    /**
     * Optional. Maximum working pressure of the coolant path.
     */
    maxPressureKPa?: number;
    /**
     * Optional. Highest case / cold-plate temperature at maximum power, minimum flow and maximum inlet temperature.
     */
    caseTemperatureMaxC?: number;
  };
  management: {
    /**
     * Management buses (I2C, I3C).
     *
     * @minItems 1
     */
    buses: [string, ...string[]];
    /**
     * Optional. CMIS revision as major.minor, e.g. 5.4. Quote a revision whose minor ends in 0 ("5.10"): unquoted, YAML and JSON read 5.10 as the number 5.1.
     */
    cmisRevision?: number | string;
    /**
     * SFF-8024 identifier byte (YAML accepts 0x26).
     */
    sff8024Identifier: number;
    /**
     * Optional. The module's CMIS memory dump (page folder, ethtool hex dump, linear image or ethtool --json output), relative to this datasheet; xpo validate checks it as with --cmis (docs/cmis.md).
     */
    cmisImage?: string;
  };
  /**
   * Optional section: optical interface.
   */
  optical?: {
    connector?: {
      /**
       * e.g. MPO-16.
       */
      type: string;
      count: number;
      sff8024Code?: number;
    };
    /**
     * Optional per-lane optical figures, as declared.
     *
     * @maxItems 256
     */
    lanes?: {
      lane: number;
      txAveragePowerDbm?: number;
      extinctionRatioDb?: number;
      tdecqDb?: number;
      rxSensitivityOmaDbm?: number;
      preFecBer?: number;
    }[];
  };
}
