/**
 * Passwords (and stems) that attackers try first: worldwide top lists plus Dutch words, names and teams.
 * Written for Pestwijzer from widely published top-password lists; extend it, never shrink it.
 */
export const COMMON_PASSWORDS: readonly string[] = [
	'000000', '00000000', '0987654321', '111111', '1111111', '11111111', '112233', '121212', '123123', '123321',
	'123456', '1234567', '12345678', '123456789', '1234567890', '123654', '123abc', '123qwe', '147258',
	'147258369', '159753', '1q2w3e', '1q2w3e4r', '1qaz2wsx', '55555555', '654321', '666666', '696969', '777777',
	'7777777', '888888', '987654321', 'a123456', 'a1b2c3', 'a1b2c3d4', 'aa123456', 'abc123', 'abc12345',
	'abcd1234', 'abcdef', 'abcdefg', 'access', 'access14', 'admin', 'administrator', 'ajax', 'amanda',
	'amsterdam', 'andrew', 'android', 'angel', 'angels', 'anna', 'anthony', 'apple', 'apple123', 'arsenal',
	'asdfgh', 'asdfghjkl', 'ashley', 'autumn', 'azerty', 'baby', 'babygirl', 'banana', 'baseball', 'batman',
	'bram', 'bubbles', 'buster', 'butterfly', 'changeme', 'charlie', 'chelsea', 'chocolate', 'computer',
	'contraseña', 'cookie', 'cookies', 'corvette', 'daan', 'daniel', 'december', 'default', 'diamond', 'donald',
	'dragon', 'emma', 'eva', 'evi', 'facebook', 'familie', 'ferrari', 'feyenoord', 'finn', 'fleur', 'flower',
	'flowers', 'football', 'fortnite', 'freedom', 'gamer', 'gaming', 'gebruiker', 'geheim', 'ginger', 'golden',
	'google', 'guest', 'hallo', 'hallo123', 'haslo', 'hello', 'hellokitty', 'herfst', 'hockey', 'holland',
	'hunter', 'ikhouvanjou', 'iloveu', 'iloveyou', 'instagram', 'internet', 'iphone', 'iris', 'januari',
	'jasper', 'jennifer', 'jesse', 'jessica', 'jordan', 'joshua', 'julia', 'julian', 'kanjer', 'killer',
	'kinderen', 'koning', 'koningin', 'lente', 'letmein', 'levi', 'lieke', 'lieve', 'lieverd', 'lion',
	'lionking', 'lisa', 'liverpool', 'login', 'lotte', 'love', 'lovely', 'loveme', 'lucas', 'luuk', 'lösenord',
	'maandag', 'mama', 'mamapapa', 'master', 'matthew', 'max', 'mercedes', 'michael', 'michelle', 'microsoft',
	'mila', 'milan', 'minecraft', 'monkey', 'motdepasse', 'mustang', 'nederland', 'netflix', 'nicole', 'noah',
	'nora', 'orange', 'oranje', 'ouder', 'ouders', 'p@ssw0rd', 'p@ssword', 'panda', 'papa', 'parola',
	'passpass', 'passw0rd', 'password', 'password1', 'password123', 'passwort', 'pepper', 'pesten',
	'pestwijzer', 'pokemon', 'porsche', 'princess', 'prinses', 'psv', 'purple', 'q1w2e3r4', 'qazwsx', 'qwe123',
	'qwerty', 'qwerty123', 'qwertyuiop', 'qwertz', 'qwertzuiop', 'ranger', 'robert', 'roblox', 'root',
	'rotterdam', 'ruben', 'salasana', 'samsung', 'sanne', 'sara', 'schat', 'schatje', 'school', 'secret', 'sem',
	'senha', 'sexy', 'shadow', 'silver', 'snapchat', 'soccer', 'sofie', 'sophie', 'spotify', 'spring',
	'starwars', 'stijn', 'summer', 'sunflower', 'sunshine', 'superman', 'tennis', 'tess', 'test', 'tester',
	'testing', 'thijs', 'thomas', 'tiger', 'tigger', 'tiktok', 'tim', 'tom', 'trustno1', 'user', 'utrecht',
	'voetbal', 'voetballen', 'vrijdag', 'wachtwoord', 'wachtwoord1', 'welkom', 'welkom01', 'welkom123',
	'whatever', 'whatsapp', 'william', 'winter', 'yellow', 'youtube', 'zaq12wsx', 'zoe', 'zomer', 'zxcvbnm'
];
