// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Pays someone, then reverts: the inner payment must not be counted.
contract Reverter {
    /// Forwards msg.value to `to`, then reverts the whole frame.
    function forwardThenRevert(address payable to) public payable {
        (bool ok, ) = to.call{value: msg.value}("");
        require(ok, "forward failed");
        revert("changed my mind");
    }

    /// Calls forwardThenRevert on itself inside try/catch: the transaction succeeds, keeping the ether, while the
    /// reverted frame and the payment inside it move nothing.
    function tryForward(address payable to) external payable {
        try this.forwardThenRevert{value: msg.value}(to) {
        } catch {
        }
    }

    /// Reads through STATICCALL and DELEGATECALL (which move no value), then pays `to` with a plain CALL.
    function payViaDelegate(address payable to) external payable {
        (bool ok, ) = address(this).staticcall(abi.encodeWithSignature("nothing()"));
        (ok, ) = address(this).delegatecall(abi.encodeWithSignature("nothing()"));
        (ok, ) = to.call{value: msg.value}("");
        require(ok, "pay failed");
    }

    function nothing() external pure returns (uint256) {
        return 1;
    }
}

/// Funded at deployment, gives everything to a beneficiary with SELFDESTRUCT.
contract Destructible {
    constructor() payable {}

    function destroy(address payable beneficiary) external {
        selfdestruct(beneficiary);
    }
}

/// Creates children with value, by CREATE and CREATE2: value moved by contract creation.
contract Factory {
    event Created(address child);

    function create() external payable returns (address child) {
        child = address(new Destructible{value: msg.value}());
        emit Created(child);
    }

    function create2(bytes32 salt) external payable returns (address child) {
        child = address(new Destructible{value: msg.value, salt: salt}());
        emit Created(child);
    }
}
