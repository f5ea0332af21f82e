import { toVehicleDetails } from './vehicle-details.mapper';

describe('toVehicleDetails', () => {
  it('maps every field DVLA documents to the contract payload', () => {
    const payload = toVehicleDetails('AB51ABC', {
      registrationNumber: 'AB51ABC',
      taxStatus: 'Untaxed',
      taxDueDate: '2026-01-01',
      artEndDate: '2027-03-30',
      motStatus: 'Not valid',
      motExpiryDate: '2025-12-31',
      make: 'ROVER',
      monthOfFirstDvlaRegistration: '2004-11',
      monthOfFirstRegistration: '2004-12',
      yearOfManufacture: 2004,
      engineCapacity: 1796,
      co2Emissions: 0,
      fuelType: 'PETROL',
      markedForExport: false,
      colour: 'Blue',
      typeApproval: 'N1',
      wheelplan: 'NON STANDARD',
      revenueWeight: 1640,
      realDrivingEmissions: '1',
      dateOfLastV5CIssued: '2016-12-25',
      euroStatus: 'Euro 5',
    });
    expect(payload).toEqual({
      registrationNumber: 'AB51ABC',
      taxStatus: 'UNTAXED',
      taxDueDate: '2026-01-01',
      artEndDate: '2027-03-30',
      motStatus: 'NOT_VALID',
      motExpiryDate: '2025-12-31',
      make: 'ROVER',
      monthOfFirstDvlaRegistration: '2004-11',
      monthOfFirstRegistration: '2004-12',
      yearOfManufacture: 2004,
      engineCapacity: 1796,
      co2Emissions: 0,
      fuelType: 'PETROL',
      markedForExport: false,
      colour: 'Blue',
      typeApproval: 'N1',
      wheelplan: 'NON STANDARD',
      revenueWeight: 1640,
      realDrivingEmissions: '1',
      dateOfLastV5CIssued: '2016-12-25',
      euroStatus: 'Euro 5',
      otherFields: {},
    });
  });

  it.each([
    ['Taxed', 'TAXED'],
    ['Untaxed', 'UNTAXED'],
    ['SORN', 'SORN'],
    ['Not Taxed for on Road Use', 'NOT_TAXED_FOR_ON_ROAD_USE'],
    ['  not taxed for ON ROAD use ', 'NOT_TAXED_FOR_ON_ROAD_USE'],
  ])('maps tax status %j to %s', (text, symbol) => {
    const payload = toVehicleDetails('AB51ABC', { registrationNumber: 'AB51ABC', taxStatus: text });
    expect(payload.taxStatus).toBe(symbol);
    expect(payload.otherFields).toEqual({});
  });

  it.each([
    ['Valid', 'VALID'],
    ['Not valid', 'NOT_VALID'],
    ['No details held by DVLA', 'NO_DETAILS_HELD_BY_DVLA'],
    ['No results returned', 'NO_RESULTS_RETURNED'],
  ])('maps MOT status %j to %s', (text, symbol) => {
    const payload = toVehicleDetails('AB51ABC', { registrationNumber: 'AB51ABC', motStatus: text });
    expect(payload.motStatus).toBe(symbol);
  });

  it('maps a status text DVLA adds later to UNKNOWN, keeping the text in otherFields', () => {
    const payload = toVehicleDetails('AB51ABC', {
      registrationNumber: 'AB51ABC',
      taxStatus: 'Taxed - Exempt',
      motStatus: 'Pending',
    });
    expect(payload.taxStatus).toBe('UNKNOWN');
    expect(payload.motStatus).toBe('UNKNOWN');
    expect(payload.otherFields).toEqual({ taxStatus: 'Taxed - Exempt', motStatus: 'Pending' });
  });

  it('keeps fields the contract does not know as text, objects as JSON', () => {
    const payload = toVehicleDetails('AB51ABC', {
      registrationNumber: 'AB51ABC',
      vehicleClass: 'CAR',
      seats: 5,
      exportDetails: { marked: false },
      gone: null,
    });
    expect(payload.otherFields).toEqual({
      vehicleClass: 'CAR',
      seats: '5',
      exportDetails: '{"marked":false}',
    });
  });

  it('reads a quoted integer, and keeps a known field of the wrong kind as text, typed null', () => {
    const payload = toVehicleDetails('AB51ABC', {
      registrationNumber: 'AB51ABC',
      engineCapacity: '1598',
      yearOfManufacture: 2004.5,
      revenueWeight: 2 ** 40,
      taxDueDate: '2026-02-30',
      monthOfFirstRegistration: '2004-13',
      markedForExport: 'false',
      make: 42,
      taxStatus: 7,
    });
    expect(payload).toMatchObject({
      engineCapacity: 1598,
      yearOfManufacture: null,
      revenueWeight: null,
      taxDueDate: null,
      monthOfFirstRegistration: null,
      markedForExport: null,
      make: null,
      taxStatus: null,
    });
    expect(payload.otherFields).toEqual({
      yearOfManufacture: '2004.5',
      revenueWeight: String(2 ** 40),
      taxDueDate: '2026-02-30',
      monthOfFirstRegistration: '2004-13',
      markedForExport: 'false',
      make: '42',
      taxStatus: '7',
    });
  });

  it('uses the registration asked about, not the one echoed back', () => {
    expect(toVehicleDetails('AB51ABC', { registrationNumber: 'ab51 abc' }).registrationNumber).toBe(
      'AB51ABC',
    );
  });
});
