/**
 * A property's value as a reader is shown it: by the model's type of the property (GET
 * /schemata), a country by its name with its code in the title (@mosaic/model's countryName); any
 * other value as it is stored.
 */
import { countryName } from '@mosaic/model';

export function PropertyValue({ type, value }: { readonly type: string | undefined; readonly value: string }) {
  if (type !== 'country') return <>{value}</>;
  const name = countryName(value);
  return name === value ? <>{value}</> : <span title={value}>{name}</span>;
}
