// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Forwards every ether it receives to two payees, half each (the odd wei to the second): two internal transfers.
contract Splitter {
    address payable public immutable a;
    address payable public immutable b;

    constructor(address payable a_, address payable b_) {
        a = a_;
        b = b_;
    }

    receive() external payable {
        uint256 half = msg.value / 2;
        (bool okA, ) = a.call{value: half}("");
        (bool okB, ) = b.call{value: msg.value - half}("");
        require(okA && okB, "forward failed");
    }
}
