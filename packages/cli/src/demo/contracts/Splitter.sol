// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title Splitter: the demo scenario's intermediary.
/// @notice Every payment it receives is forwarded at once to fixed payees in fixed parts (basis points), the way
/// laundering "splitters" fan a deposit out to several onward wallets inside one transaction. The onward payments are
/// internal transfers (call frames), so following them needs the node's call traces, not only the transactions.
contract Splitter {
    address payable[] public payees;
    uint256[] public parts;

    event Split(address indexed from, uint256 amount);

    constructor(address payable[] memory payees_, uint256[] memory parts_) {
        require(payees_.length == parts_.length && payees_.length > 0, "payees and parts differ");
        uint256 total;
        for (uint256 i = 0; i < parts_.length; i++) total += parts_[i];
        require(total == 10000, "parts must add up to 10000 basis points");
        payees = payees_;
        parts = parts_;
    }

    receive() external payable {
        uint256 left = msg.value;
        for (uint256 i = 0; i < payees.length; i++) {
            // The last payee takes the remainder, so no wei is ever stuck in the contract.
            uint256 amount = i + 1 == payees.length ? left : (msg.value * parts[i]) / 10000;
            left -= amount;
            (bool ok, ) = payees[i].call{value: amount}("");
            require(ok, "payee refused");
        }
        emit Split(msg.sender, msg.value);
    }
}
