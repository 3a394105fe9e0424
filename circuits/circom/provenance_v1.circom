// The provenance statement v1 written with circomlib, as the baseline that
// `darkroom bench` proves with snarkjs. Same public inputs in the same order,
// same checks: circomlib's EdDSAPoseidonVerifier (plus on-curve checks of A
// and R8, which it leaves out), a depth-20 Poseidon Merkle path, the
// commitment, and range checks by bit decomposition.
pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/eddsaposeidon.circom";
include "circomlib/circuits/babyjub.circom";
include "circomlib/circuits/bitify.circom";

// lo <= x <= hi for n-bit values.
template Between(n) {
    signal input x;
    signal input lo;
    signal input hi;
    component xb = Num2Bits(n);
    xb.in <== x;
    component above = Num2Bits(n);
    above.in <== x - lo;
    component below = Num2Bits(n);
    below.in <== hi - x;
}

template Provenance(depth) {
    signal input root;
    signal input commitment;
    signal input t_lo;
    signal input t_hi;
    signal input lat_lo;
    signal input lat_hi;
    signal input lon_lo;
    signal input lon_hi;

    signal input h_hi;
    signal input h_lo;
    signal input r;
    signal input t;
    signal input lat;
    signal input lon;
    signal input Ax;
    signal input Ay;
    signal input R8x;
    signal input R8y;
    signal input S;
    signal input siblings[depth];
    signal input directions[depth];

    // 1. 128-bit digest halves.
    component hiBits = Num2Bits(128);
    hiBits.in <== h_hi;
    component loBits = Num2Bits(128);
    loBits.in <== h_lo;

    // 2. The signed message.
    component m = Poseidon(5);
    m.inputs[0] <== h_hi;
    m.inputs[1] <== h_lo;
    m.inputs[2] <== t;
    m.inputs[3] <== lat;
    m.inputs[4] <== lon;

    // 3. The signature, with both points on the curve.
    component aOnCurve = BabyCheck();
    aOnCurve.x <== Ax;
    aOnCurve.y <== Ay;
    component rOnCurve = BabyCheck();
    rOnCurve.x <== R8x;
    rOnCurve.y <== R8y;
    component sig = EdDSAPoseidonVerifier();
    sig.enabled <== 1;
    sig.Ax <== Ax;
    sig.Ay <== Ay;
    sig.S <== S;
    sig.R8x <== R8x;
    sig.R8y <== R8y;
    sig.M <== m.out;

    // 4. Registry membership.
    component leaf = Poseidon(2);
    leaf.inputs[0] <== Ax;
    leaf.inputs[1] <== Ay;
    signal node[depth + 1];
    signal left[depth];
    component hashes[depth];
    node[0] <== leaf.out;
    for (var i = 0; i < depth; i++) {
        directions[i] * (1 - directions[i]) === 0;
        left[i] <== node[i] + directions[i] * (siblings[i] - node[i]);
        hashes[i] = Poseidon(2);
        hashes[i].inputs[0] <== left[i];
        hashes[i].inputs[1] <== node[i] + siblings[i] - left[i];
        node[i + 1] <== hashes[i].out;
    }
    root === node[depth];

    // 5. The commitment.
    component c = Poseidon(3);
    c.inputs[0] <== h_hi;
    c.inputs[1] <== h_lo;
    c.inputs[2] <== r;
    commitment === c.out;

    // 6. Time window and region box.
    component tIn = Between(64);
    tIn.x <== t;
    tIn.lo <== t_lo;
    tIn.hi <== t_hi;
    component latIn = Between(32);
    latIn.x <== lat;
    latIn.lo <== lat_lo;
    latIn.hi <== lat_hi;
    component lonIn = Between(32);
    lonIn.x <== lon;
    lonIn.lo <== lon_lo;
    lonIn.hi <== lon_hi;
}

component main {public [root, commitment, t_lo, t_hi, lat_lo, lat_hi, lon_lo, lon_hi]} = Provenance(20);
