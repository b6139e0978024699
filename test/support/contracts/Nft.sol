// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A minimal ERC-721: its Transfer has the token id indexed too, so the log has 4 topics.
contract Nft {
    string public constant name = "Test Collection";
    string public constant symbol = "TNFT";
    mapping(uint256 => address) public ownerOf;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);

    function mint(address to, uint256 tokenId) external {
        require(ownerOf[tokenId] == address(0), "minted");
        ownerOf[tokenId] = to;
        emit Transfer(address(0), to, tokenId);
    }

    function transferFrom(address from, address to, uint256 tokenId) external {
        require(ownerOf[tokenId] == from && from == msg.sender, "owner");
        ownerOf[tokenId] = to;
        emit Transfer(from, to, tokenId);
    }
}
