import { TerraformStack, Testing } from 'cdktf';
import { collectTopology, Network } from '../../constructs';
import { checkTopology } from '../../rules';

describe('checkTopology', () => {
  it('reports a finding once when two values at one construct path break a rule alike', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    // From code, every range of an address space is reported at the network's construct path.
    new Network(stack, 'VNet1', { location: 'eastus', addressSpace: ['10.1.0.1/16', '10.1.0.1/16'] });
    expect(checkTopology(collectTopology(stack))).toEqual([
      {
        severity: 'error',
        path: 'test/VNet1',
        message: 'network "VNet1": address space 10.1.0.1/16 has host bits set, which Azure refuses; write 10.1.0.0/16',
      },
      {
        severity: 'error',
        path: 'test/VNet1',
        message: 'network "VNet1": address space 10.1.0.1/16 is listed twice; list each range once',
      },
    ]);
  });
});
