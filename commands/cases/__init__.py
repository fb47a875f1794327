"""Cases and the safety card (veiligheidskaart) that travels with the family through the chain."""
