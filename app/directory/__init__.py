"""The channel directory: link checks of organisations' social channels, exports and adoption stats."""
