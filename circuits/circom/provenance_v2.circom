// The provenance statement v2 written with circomlib: v1's checks
// (provenance_v1.circom) with the registry as a quaternary Poseidon tree of
// depth 10. The node's position among its four children is b0 + 2·b1 (the
// leaf index's bits, two a level), and the three siblings fill the other
// slots in order. Written from that description with one indicator signal
// per position, not from our gadget's arrangement of multiplexers, so that
// the two agreeing is evidence. (Our circuit checks the signature on the
// Montgomery form; circomlib's verifier here is the same equation.)
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
    signal input siblings[3 * depth];
    signal input directions[2 * depth];

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
    signal e[depth][4];
    signal mine[depth][4];
    signal s0[depth][2];
    signal s1[depth][2];
    signal s2[depth][2];
    component hashes[depth];
    node[0] <== leaf.out;
    for (var i = 0; i < depth; i++) {
        var b0 = directions[2 * i];
        var b1 = directions[2 * i + 1];
        b0 * (1 - b0) === 0;
        b1 * (1 - b1) === 0;
        // e[k] = 1 exactly when the node is child k.
        e[i][3] <== b0 * b1;
        e[i][1] <== b0 - e[i][3];
        e[i][2] <== b1 - e[i][3];
        e[i][0] <== 1 - b0 - b1 + e[i][3];
        for (var k = 0; k < 4; k++) {
            mine[i][k] <== e[i][k] * node[i];
        }
        // Slot 1 holds s0 when the node is child 0, s1 when it is child 2 or 3;
        // slot 2 holds s1 when the node is child 0 or 1, s2 when it is child 3.
        s0[i][0] <== (1 - e[i][0]) * siblings[3 * i];
        s0[i][1] <== e[i][0] * siblings[3 * i];
        s1[i][0] <== (e[i][2] + e[i][3]) * siblings[3 * i + 1];
        s1[i][1] <== (e[i][0] + e[i][1]) * siblings[3 * i + 1];
        s2[i][0] <== e[i][3] * siblings[3 * i + 2];
        s2[i][1] <== (1 - e[i][3]) * siblings[3 * i + 2];
        hashes[i] = Poseidon(4);
        hashes[i].inputs[0] <== mine[i][0] + s0[i][0];
        hashes[i].inputs[1] <== mine[i][1] + s0[i][1] + s1[i][0];
        hashes[i].inputs[2] <== mine[i][2] + s1[i][1] + s2[i][0];
        hashes[i].inputs[3] <== mine[i][3] + s2[i][1];
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

component main {public [root, commitment, t_lo, t_hi, lat_lo, lat_hi, lon_lo, lon_hi]} = Provenance(10);
