// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title DepositForwarder: an exchange's per-customer deposit address.
/// @notice Exchanges give each customer a deposit address that forwards what it receives to the exchange's hot wallet
/// (the forwarder contracts of large exchanges work this way). The forward is an internal transfer.
contract DepositForwarder {
    address payable public immutable hotWallet;

    event Forwarded(address indexed from, uint256 amount);

    constructor(address payable hotWallet_) {
        hotWallet = hotWallet_;
    }

    receive() external payable {
        (bool ok, ) = hotWallet.call{value: msg.value}("");
        require(ok, "hot wallet refused");
        emit Forwarded(msg.sender, msg.value);
    }
}
