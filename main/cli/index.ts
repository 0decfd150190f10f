console.log("token-desk: not implemented yet")
