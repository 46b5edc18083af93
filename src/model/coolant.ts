// A coolant's properties, as schemas/coolants.json gives them, for coolant temperature rise.

export interface CoolantProperties {
  title?: string;
  densityKgPerL: number;
  specificHeatJPerKgK: number;
}
